import { render } from 'preact';
import { Popup } from '../../ui/popup/Popup.tsx';
import '../../ui/styles.css';
import '../../ui/lookup.css';

render(<Popup />, document.getElementById('app')!);
